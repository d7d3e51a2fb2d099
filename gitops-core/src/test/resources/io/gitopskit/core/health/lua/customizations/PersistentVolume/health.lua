-- PersistentVolume (core group: the directory sits at the top level), judged by its phase.
-- Written for GitOpsKit's tests; not taken from Argo CD.
local phase = nil
if obj.status ~= nil then
  phase = obj.status.phase
end
if phase == "Bound" then
  local claim = obj.spec.claimRef or {}
  return {status = "Healthy", message = "Bound to " .. (claim.namespace or "?") .. "/"
      .. (claim.name or "?")}
elseif phase == "Available" then
  return {status = "Healthy", message = "Available for a claim"}
elseif phase == "Released" then
  return {status = "Progressing", message = "Released by its claim, waiting to be reclaimed"}
elseif phase == "Failed" then
  return {status = "Degraded", message = obj.status.message or "Reclamation failed"}
end
return {status = "Progressing", message = "Pending"}
