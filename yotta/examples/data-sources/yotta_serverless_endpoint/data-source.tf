# An endpoint made outside this configuration, by id: where to send requests.
data "yotta_serverless_endpoint" "llm" {
  id = "378888638324150969"
}

output "llm" {
  value = "${data.yotta_serverless_endpoint.llm.domain}: ${data.yotta_serverless_endpoint.llm.running_workers} of ${data.yotta_serverless_endpoint.llm.total_workers} workers running"
}
