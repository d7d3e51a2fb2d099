-- Any resource of a *.crossplane.io group (managed resources, composites, claims, providers),
-- judged by Crossplane's Synced, Healthy and Ready conditions.
-- Written for GitOpsKit's tests; not taken from Argo CD.
if obj.kind == "ProviderConfig" or obj.kind == "ProviderConfigUsage" then
  -- these carry no health of their own: no opinion
  return nil
end

local conditions = {}
if obj.status ~= nil and obj.status.conditions ~= nil then
  conditions = obj.status.conditions
end
local by_type = {}
for i = 1, #conditions do
  by_type[conditions[i].type] = conditions[i]
end

local function is_false(c)
  return c ~= nil and c.status == "False"
end

if is_false(by_type.Synced) then
  return {status = "Degraded", message = by_type.Synced.message or "Resource is not synced"}
end
if is_false(by_type.Healthy) then
  return {status = "Degraded", message = by_type.Healthy.message or "Provider is unhealthy"}
end

local ready = by_type.Ready
if ready ~= nil and ready.status == "True" then
  return {status = "Healthy", message = "Resource is available for use"}
end
if ready ~= nil then
  local why = ready.reason or "Unknown"
  if ready.message ~= nil then
    why = why .. ": " .. ready.message
  end
  return {status = "Progressing", message = why}
end
if #conditions == 0 then
  return {status = "Progressing", message = "Waiting for Crossplane to report conditions"}
end
return {status = "Healthy", message = ""}
