variable "hf_token" {
  description = "A Hugging Face token for the workers (sensitive: never shown in plans)."
  type        = string
  sensitive   = true
  default     = "hf_example"
}

# An OpenAI-compatible LLM server behind Yotta's load balancer: two workers on RTX 4090s,
# in us-east-1, or in us-west-1 when us-east-1 has no capacity.
resource "yotta_serverless_endpoint" "llm" {
  name         = "llm"
  image        = "vllm/vllm-openai:v0.6.3"
  service_mode = "ALB"
  workers      = 2 # scales in place; the running workers keep running

  resources = [
    { region = "us-east-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 },
    { region = "us-west-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 },
  ]

  container_volume_in_gb = 40
  expose                 = { port = 8000, protocol = "HTTP" }
  environment_vars       = { HF_TOKEN = var.hf_token }
  webhook                = "https://hooks.example.com/yotta"

  # "STOPPED" stops every worker (Yotta's stop route) without deleting the endpoint.
  desired_status = "RUNNING"
}

output "llm_url" {
  value = "https://${yotta_serverless_endpoint.llm.domain}/v1"
}

output "llm_usd_per_hour" {
  value = yotta_serverless_endpoint.llm.price_per_hour
}
