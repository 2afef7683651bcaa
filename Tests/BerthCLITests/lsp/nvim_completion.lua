-- Headless Neovim (0.7+): attach `berth lsp` to the buffer, then ask for completion at each
-- position of BERTH_POSITIONS ("line:col;line:col", 0-based) and print "line:col label,label,…".
-- Usage: BERTH=/path/to/berth BERTH_POSITIONS=8:8 nvim --headless -u nvim_completion.lua FILE
local berth = os.getenv("BERTH")
vim.cmd("edit " .. vim.fn.argv(0))
local client = vim.lsp.start_client({ name = "berth", cmd = { berth, "lsp" }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, client)
vim.wait(15000, function() return vim.lsp.get_client_by_id(client) ~= nil and vim.lsp.get_client_by_id(client).initialized end, 50)
for position in string.gmatch(os.getenv("BERTH_POSITIONS") or "", "[^;]+") do
  local line, col = position:match("(%d+):(%d+)")
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = tonumber(line), character = tonumber(col) } }
  local responses = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 10000) or {}
  local labels = {}
  for _, response in pairs(responses) do
    local result = response.result or {}
    for _, item in ipairs(result.items or result) do table.insert(labels, item.label) end
  end
  io.stdout:write(position .. " " .. table.concat(labels, ",") .. "\n")
end
vim.cmd("qall!")
