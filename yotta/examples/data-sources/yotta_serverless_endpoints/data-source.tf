# The account's endpoints that are running now, and what they cost per hour together.
data "yotta_serverless_endpoints" "running" {
  status_list = ["RUNNING"]
}

output "running_usd_per_hour" {
  value = sum(concat([0], [for e in data.yotta_serverless_endpoints.running.endpoints : e.price_per_hour]))
}
