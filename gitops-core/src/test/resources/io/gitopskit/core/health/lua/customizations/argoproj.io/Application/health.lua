-- Argo CD Application: Argo CD stopped assessing Applications in 1.8; this restores the health
-- an Application reports about itself in status.health (useful for app-of-apps).
-- Written for GitOpsKit's tests; not taken from Argo CD.
local health = nil
if obj.status ~= nil then
  health = obj.status.health
end
if health == nil or health.status == nil then
  return {status = "Progressing", message = "Waiting for the application to report its health"}
end
return {status = health.status, message = health.message or ""}
