-- Drives the language server from Neovim (0.7+: vim.lsp.start_client), as any LSP editor would: stdio, push
-- diagnostics, a hover request. Run by scripts/test-neovim.mjs, which passes the paths in the environment and checks
-- the JSON this script writes.
local results = { hovers = {} }
local client_id = vim.lsp.start_client({
  name = 'ws-close-codes',
  cmd = { 'node', vim.env.WSCC_SERVER, '--stdio' },
  root_dir = vim.env.WSCC_ROOT,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      results.diagnostics = params.diagnostics
    end,
  },
})
vim.cmd('edit ' .. vim.env.WSCC_FILE)
vim.bo.filetype = 'typescript'
vim.lsp.buf_attach_client(0, client_id)
local client = vim.lsp.get_client_by_id(client_id)
vim.wait(10000, function() return client.initialized end, 50)
results.initialized = client.initialized
-- Positions are given by the runner as "line:character;line:character" (0-based, LSP units).
for position in string.gmatch(vim.env.WSCC_POSITIONS, '[^;]+') do
  local line, character = string.match(position, '(%d+):(%d+)')
  local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = tonumber(line), character = tonumber(character) } }
  local response = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 10000)
  local value = vim.NIL
  for _, reply in pairs(response or {}) do
    if reply.result and reply.result.contents then
      value = reply.result.contents.value
    end
  end
  table.insert(results.hovers, value)
end
vim.wait(10000, function() return results.diagnostics ~= nil end, 50)
local file = io.open(vim.env.WSCC_OUT, 'w')
file:write(vim.fn.json_encode(results))
file:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
