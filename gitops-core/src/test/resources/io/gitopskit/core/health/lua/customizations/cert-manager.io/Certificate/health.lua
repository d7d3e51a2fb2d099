-- cert-manager Certificate: judged by its Issuing and Ready conditions.
-- Written for GitOpsKit's tests; not taken from Argo CD.
local function find_condition(wanted)
  local status = obj.status
  if status == nil or status.conditions == nil then
    return nil
  end
  for _, c in ipairs(status.conditions) do
    if c.type == wanted then
      return c
    end
  end
  return nil
end

local issuing = find_condition("Issuing")
if issuing ~= nil and issuing.status == "True" then
  return {status = "Progressing", message = "Issuing: " .. (issuing.message or issuing.reason or "")}
end

local ready = find_condition("Ready")
if ready == nil then
  return {status = "Progressing", message = "Waiting for the certificate to be issued"}
end
if ready.status == "True" then
  return {status = "Healthy", message = ready.message or ""}
end
return {status = "Degraded", message = ready.message or ready.reason or "Certificate is not ready"}
