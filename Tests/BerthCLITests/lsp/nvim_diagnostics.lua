-- Headless Neovim (0.7+): start `berth lsp` for the YAML buffer, wait for diagnostics, print them.
-- Usage: BERTH=/path/to/berth nvim --headless -u nvim_diagnostics.lua FILE
local berth = os.getenv("BERTH")
vim.cmd("edit " .. vim.fn.argv(0))
local client = vim.lsp.start_client({ name = "berth", cmd = { berth, "lsp" }, root_dir = vim.fn.getcwd() })
vim.lsp.buf_attach_client(0, client)
local ok = vim.wait(15000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local message = d.message:gsub("\n.*", "")
  io.stdout:write(string.format("%d:%d %s %s\n", d.lnum + 1, d.col + 1, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or "", message))
end
if not ok then io.stdout:write("no diagnostics\n") end
vim.cmd("qall!")
