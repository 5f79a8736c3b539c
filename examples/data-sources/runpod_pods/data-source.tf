# Every running pod of the account, with what it costs per hour.
data "runpod_pods" "running" {
  desired_status = "RUNNING"
}

output "hourly_cost_by_pod" {
  value = { for p in data.runpod_pods.running.pods : "${p.name} (${p.id})" => p.cost_per_hr }
}

# The pods named "notebook".
data "runpod_pods" "notebooks" {
  name = "notebook"
}
