/// The report's inline style sheet and script (a report never loads anything).
enum ReportAssets {
    static let css = """
    body{font-family:system-ui,-apple-system,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1200px;padding:16px 24px;color:#0f172a;background:#fff}
    h1{font-size:20px;margin:8px 0}h2{font-size:16px;border-bottom:1px solid #e2e8f0;padding-bottom:4px;margin-top:28px}h3{font-size:13px;margin:12px 0 4px}
    dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px}dt{color:#64748b}dd{margin:0}
    code,pre,.lines{font-family:"DejaVu Sans Mono",ui-monospace,monospace;font-size:12px}
    table.inputs{border-collapse:collapse;font-size:13px;margin-top:8px}table.inputs td,table.inputs th{border:1px solid #e2e8f0;padding:3px 8px;text-align:left}
    .secret{color:#64748b}.error{color:#b91c1c;font-weight:600}
    .state{font-size:11px;font-weight:700;padding:1px 6px;border-radius:4px;border:1px solid}
    .timeline{font-size:12px}.axis{display:flex;justify-content:space-between;margin-left:200px;margin-right:90px;color:#64748b}
    .row{display:flex;align-items:center;gap:8px;height:22px}.row .label{width:192px;box-sizing:border-box;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
    .track{position:relative;flex:1;height:16px;background:#f8fafc;border-radius:3px}
    .row .state{width:74px;text-align:center}
    .bar{position:absolute;top:1px;height:14px;border-radius:3px;border:1px solid #475569;box-sizing:border-box;overflow:hidden;color:#0f172a;font-size:10px;line-height:12px;padding-left:2px}
    .bar.whole{top:5px;height:6px;opacity:.6}
    .mark{position:absolute;top:-2px;width:2px;height:20px;background:#0f172a;opacity:.55}
    .mark.pull{height:4px;top:12px;background:repeating-linear-gradient(45deg,#6366f1 0 3px,#c7d2fe 3px 6px);opacity:.9}
    pre.json{background:#f8fafc;border:1px solid #e2e8f0;border-radius:4px;padding:6px;overflow:auto;max-height:240px}
    ul.files{font-size:12px}
    details.log{border:1px solid #e2e8f0;border-radius:4px;margin:4px 0}details.log summary{cursor:pointer;padding:4px 8px;background:#f8fafc}
    .lines{padding:4px 8px;white-space:pre-wrap;word-break:break-all}.line .t,.line .lv{color:#64748b}.l-ERROR{color:#b91c1c}.l-WARN{color:#b45309}
    .line.hit{background:#fef08a}.line.miss{display:none}
    #search{margin:4px 0 8px;padding:4px 8px;width:320px}
    """

    /// Log search: lines that match stay (highlighted), the others hide, groups with a match
    /// open. `data-ready` on the body tells a headless browser the script ran.
    static let script = """
    (function(){
      var box=document.getElementById('search'),count=document.getElementById('matches');
      var lines=Array.prototype.slice.call(document.querySelectorAll('.line'));
      function filter(){
        var q=box.value.toLowerCase(),n=0;
        document.querySelectorAll('details.log').forEach(function(d){
          var any=false;
          d.querySelectorAll('.line').forEach(function(l){
            var hit=q!==''&&l.textContent.toLowerCase().indexOf(q)>=0;
            l.classList.toggle('hit',hit);l.classList.toggle('miss',q!==''&&!hit);
            if(hit){any=true;n++;}
          });
          if(q!==''){d.open=any;}
        });
        count.textContent=q===''?lines.length+' lines':n+' of '+lines.length+' lines match';
      }
      box.addEventListener('input',filter);
      var q=new URLSearchParams(location.search).get('q');if(q){box.value=q;}
      filter();
      document.body.setAttribute('data-ready','1');
    })();
    """
}
