# The account's running pods in two regions.
data "yotta_pods" "running" {
  region_list = ["us-east-1", "us-west-1"]
  status_list = ["RUNNING"]
}

output "running_pods" {
  value = { for p in data.yotta_pods.running.pods : p.id => "${p.name} (${p.gpu_count} x ${p.gpu_type}, ${p.price_per_hour} USD/h)" }
}
