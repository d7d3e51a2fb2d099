-- Flux Kustomization: suspended, then generation, then the Stalled, Reconciling and Ready
-- conditions (kstatus conventions).
-- Written for GitOpsKit's tests; not taken from Argo CD.
if obj.spec ~= nil and obj.spec.suspend == true then
  return {status = "Suspended", message = "Reconciliation is suspended"}
end

local status = obj.status or {}
local generation = obj.metadata.generation or 0
local observed = status.observedGeneration or -1
if observed < generation then
  return {
    status = "Progressing",
    message = string.format("Waiting for generation %d to be observed", generation)
  }
end

local stalled, reconciling, ready
for _, c in ipairs(status.conditions or {}) do
  if c.type == "Stalled" then
    stalled = c
  elseif c.type == "Reconciling" then
    reconciling = c
  elseif c.type == "Ready" then
    ready = c
  end
end

if stalled ~= nil and stalled.status == "True" then
  return {status = "Degraded", message = stalled.message or "Stalled"}
end
if reconciling ~= nil and reconciling.status == "True" then
  return {status = "Progressing", message = reconciling.message or "Reconciling"}
end
if ready ~= nil and ready.status == "True" then
  return {status = "Healthy", message = ready.message or ""}
end
if ready ~= nil and ready.status == "False" then
  return {status = "Degraded", message = ready.message or ready.reason or "Not ready"}
end
return {status = "Progressing", message = "Waiting for the Ready condition"}
