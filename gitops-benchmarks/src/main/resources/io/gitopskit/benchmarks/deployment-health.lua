-- The built-in Deployment health rule of gitops-engine (apps/v1 only), written in Lua so it can
-- be benchmarked against the Java built-in. Written for GitOpsKit from the rule's description;
-- not taken from gitops-engine or Argo CD.
if obj.apiVersion ~= "apps/v1" then
  error("unsupported Deployment GVK: " .. tostring(obj.apiVersion) .. ", Kind=Deployment")
end

local spec = obj.spec or {}
local status = obj.status or {}

if spec.paused == true then
  return {status = "Suspended", message = "Deployment is paused"}
end

local generation = obj.metadata.generation or 0
local observed = status.observedGeneration or 0
if generation > observed then
  return {
    status = "Progressing",
    message = "Waiting for rollout to finish: observed deployment generation less than "
        .. "desired generation"
  }
end

-- the first Progressing condition decides whether the rollout ran out of time
for _, c in ipairs(status.conditions or {}) do
  if c.type == "Progressing" then
    if c.reason == "ProgressDeadlineExceeded" then
      return {
        status = "Degraded",
        message = string.format('Deployment "%s" exceeded its progress deadline',
            obj.metadata.name)
      }
    end
    break
  end
end

local updated = status.updatedReplicas or 0
local current = status.replicas or 0
local available = status.availableReplicas or 0

if spec.replicas ~= nil and updated < spec.replicas then
  return {
    status = "Progressing",
    message = string.format(
        "Waiting for rollout to finish: %d out of %d new replicas have been updated...",
        updated, spec.replicas)
  }
end
if current > updated then
  return {
    status = "Progressing",
    message = string.format(
        "Waiting for rollout to finish: %d old replicas are pending termination...",
        current - updated)
  }
end
if available < updated then
  return {
    status = "Progressing",
    message = string.format(
        "Waiting for rollout to finish: %d of %d updated replicas are available...",
        available, updated)
  }
end
return {status = "Healthy", message = ""}
