-- Drives `journey lsp --stdio` from Neovim's own LSP client (Neovim 0.7+: vim.lsp.start_client),
-- as test/lsp/nvim.e2e.test.ts asks, and writes what it saw as JSON to $OUT.
-- Environment: JOURNEY_BIN (bin/journey.cjs), WORKSPACE (the folder), OUT (the JSON file).
local bin, root, out = os.getenv("JOURNEY_BIN"), os.getenv("WORKSPACE"), os.getenv("OUT")
local result = { errors = {} }

local function finish()
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local checkout = root .. "/checkout.journey.yaml"
  vim.cmd("edit " .. vim.fn.fnameescape(checkout))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = "yaml"
  local client_id = vim.lsp.start_client({
    name = "journey",
    cmd = { "node", bin, "lsp", "--stdio" },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "test" } },
    -- Runs journey.placeCursor itself (docs/editors.md), so "disable for this step" moves the cursor.
    capabilities = vim.tbl_deep_extend("force", vim.lsp.protocol.make_client_capabilities(), {
      experimental = { commands = { commands = { "journey.placeCursor" } } },
    }),
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  vim.wait(10000, function() return client.initialized end, 20)

  local function diagnostics()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      table.insert(found, { line = d.lnum + 1, code = code, message = d.message })
    end
    table.sort(found, function(a, b) return a.line < b.line or (a.line == b.line and a.code < b.code) end)
    return found
  end
  vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  result.diagnostics = diagnostics()

  -- Position of the first `marker` in the buffer, `delta` characters in.
  local function at(marker, delta, bufnr)
    local lines = vim.api.nvim_buf_get_lines(bufnr or buf, 0, -1, false)
    for i, line in ipairs(lines) do
      local col = line:find(marker, 1, true)
      if col then return { line = i - 1, character = col - 1 + (delta or 0) } end
    end
    error("marker not found: " .. marker)
  end
  local function request(method, params, bufnr)
    params.textDocument = params.textDocument or { uri = vim.uri_from_bufnr(bufnr or buf) }
    local response, request_err = client.request_sync(method, params, 10000, bufnr or buf)
    if not response then error(method .. ": " .. tostring(request_err)) end
    if response.err then return nil, response.err end
    return response.result
  end
  local function labels(items)
    local found = {}
    for _, item in ipairs(items.items or items) do table.insert(found, item.label) end
    return found
  end

  result.channel_completion = labels(request("textDocument/completion", { position = at("channel: emial", 11) }))
  result.step_completion = labels(request("textDocument/completion", { position = at("next: [answer]", 7) }))

  local definition = request("textDocument/definition", { position = at("channel: email", 10) })
  local location = definition[1] or definition
  result.definition = { file = vim.uri_to_fname(location.uri), line = location.range.start.line + 1 }

  local hover = request("textDocument/hover", { position = at("id: asks", 5) })
  result.hover = hover.contents.value or hover.contents

  local symbols = request("textDocument/documentSymbol", {})
  result.outline = {}
  for _, stage in ipairs(symbols) do
    local children = {}
    for _, step in ipairs(stage.children or {}) do table.insert(children, step.name) end
    table.insert(result.outline, { name = stage.name, steps = children })
  end

  -- The quick fix of the misspelt channel: the suggestion that names `email`.
  local unknown
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == "channel-unknown" then unknown = d end
  end
  local actions = request("textDocument/codeAction", {
    range = { start = { line = unknown.lnum, character = unknown.col }, ["end"] = { line = unknown.end_lnum, character = unknown.end_col } },
    context = { diagnostics = { unknown.user_data.lsp } },
  })
  result.actions = {}
  for _, action in ipairs(actions) do
    table.insert(result.actions, action.title)
    if action.title:find("email", 1, true) and not result.fixed_line then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      result.fixed_line = vim.api.nvim_buf_get_lines(buf, at("name: Asks").line + 2, at("name: Asks").line + 3, false)[1]
    end
  end
  vim.wait(3000, function()
    for _, d in ipairs(diagnostics()) do if d.code == "channel-unknown" then return false end end
    return true
  end, 20)
  result.after_fix = diagnostics()

  -- "Disable for this step", run as Neovim runs a code action (its edit, then its command) with the
  -- command of docs/editors.md: the cursor waits after `-- ` for the reason.
  vim.lsp.commands["journey.placeCursor"] = function(command)
    local target = command.arguments[1]
    local win = vim.fn.bufwinid(vim.uri_to_bufnr(target.uri))
    if win ~= -1 then
      vim.api.nvim_set_current_win(win)
      vim.api.nvim_win_set_cursor(win, { target.position.line + 1, target.position.character })
      vim.cmd("startinsert!") -- the reason goes at the end of the comment, after `-- `
    end
  end
  for _, action in ipairs(actions) do
    if action.title == "Disable channel-unknown for this step" then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      if action.command then vim.lsp.commands[action.command.command](action.command, {}) end
      local cursor = vim.api.nvim_win_get_cursor(0)
      local text = vim.api.nvim_buf_get_lines(buf, cursor[1] - 1, cursor[1], false)[1]
      result.disable_cursor = { text:sub(1, cursor[2]), text:sub(cursor[2] + 1) }
    end
  end

  -- Rename a step (this file only) and a channel (the config and every journey).
  local step_edit = request("textDocument/rename", { position = at("id: paid", 5), newName = "pays" })
  vim.lsp.util.apply_workspace_edit(step_edit, "utf-16")
  result.after_step_rename = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local channel_edit = request("textDocument/rename", { position = at("channel: email", 10), newName = "mail" })
  vim.lsp.util.apply_workspace_edit(channel_edit, "utf-16")
  result.renamed_files = {}
  for uri, _ in pairs(channel_edit.changes or {}) do table.insert(result.renamed_files, vim.uri_to_fname(uri)) end
  for _, change in ipairs(channel_edit.documentChanges or {}) do table.insert(result.renamed_files, vim.uri_to_fname(change.textDocument.uri)) end
  result.buffers = {}
  for _, name in ipairs({ "journey.config.yaml", "returns.journey.yaml", "checkout.journey.yaml" }) do
    local bufnr = vim.fn.bufnr(root .. "/" .. name)
    result.buffers[name] = bufnr ~= -1 and vim.api.nvim_buf_get_lines(bufnr, 0, -1, false) or {}
  end

  -- An edit brings a new diagnostic.
  local line = at("name: Gives up").line
  vim.api.nvim_buf_set_lines(buf, line + 1, line + 1, false, { "        channel: pigeon" })
  vim.wait(5000, function()
    for _, d in ipairs(diagnostics()) do if d.code == "channel-unknown" then return true end end
    return false
  end, 20)
  result.after_edit = diagnostics()
  result.edit_line = line + 2
  vim.lsp.stop_client(client_id)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
