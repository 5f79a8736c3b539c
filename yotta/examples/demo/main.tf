# The module `make yotta-demo` applies against yotta-mock: a GPU type lookup, registry
# credentials, a volume, a notebook pod that pulls a private image with them, mounts the volume
# and waits for its ports to be healthy, a second pod created paused, and a serverless endpoint
# with workers in two regions. The provider reads YOTTA_API_KEY and YOTTA_API_URL,
# which the demo exports for the mock; against the real API the same module rents real GPUs.
terraform {
  required_providers {
    yotta = {
      source = "runpod-community/yotta"
    }
  }
}

provider "yotta" {}

# Where an RTX 4090 is available now.
data "yotta_gpu_types" "rtx4090" {
  gpu_type  = "NVIDIA_RTX_4090_24G"
  available = true
}

resource "yotta_container_registry_auth" "ghcr" {
  name     = "demo-ghcr"
  type     = "PRIVATE"
  username = "demo-bot"
  password = "demo-token"
}

# Data that outlives the pods: the notebook mounts it at /data.
resource "yotta_volume" "data" {
  name         = "demo-data"
  storage_type = "CEPH"
  region       = "us-east-1"
  size_in_gb   = 100
}

resource "yotta_pod" "notebook" {
  name                       = "demo-notebook"
  regions                    = ["us-east-1", "us-west-1"]
  image                      = "acme/notebook:2.4"
  image_registry             = "ghcr.io"
  image_public_type          = "PRIVATE"
  container_registry_auth_id = yotta_container_registry_auth.ghcr.id
  gpu_type                   = "NVIDIA_RTX_4090_24G"
  gpu_count                  = 1
  persistent_volume_in_gb    = 50
  persistent_mount_path      = "/workspace"
  environment_vars           = { JUPYTER_TOKEN = "demo" }
  expose = [
    { port = 8888, protocol = "HTTP" },
    { port = 22, protocol = "SSH" },
  ]
  persistent_volumes = [
    { volume_id = yotta_volume.data.id, mount_path = "/data" },
  ]
}

# Created, then paused at once: only its storage is billed until desired_status = "RUNNING".
resource "yotta_pod" "standby" {
  name           = "demo-standby"
  image          = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type       = "NVIDIA_H100_80G"
  gpu_count      = 2
  desired_status = "PAUSED"
}

# An LLM server behind Yotta's load balancer: two workers, in us-east-1 or, failing that,
# us-west-1.
resource "yotta_serverless_endpoint" "llm" {
  name         = "demo-llm"
  image        = "vllm/vllm-openai:v0.6.3"
  service_mode = "ALB"
  workers      = 2
  resources = [
    { region = "us-east-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 },
    { region = "us-west-1", gpu_type = "NVIDIA_RTX_4090_24G", gpu_count = 1 },
  ]
  container_volume_in_gb = 40
  expose                 = { port = 8000, protocol = "HTTP" }
  environment_vars       = { MODEL = "Qwen/Qwen2.5-7B-Instruct" }
}

output "rtx4090_available_in" {
  value = data.yotta_gpu_types.rtx4090.gpu_types[0].available_regions
}

output "notebook" {
  value = {
    id           = yotta_pod.notebook.id
    region       = yotta_pod.notebook.region
    status       = yotta_pod.notebook.status
    jupyter_url  = yotta_pod.notebook.ingress_urls["8888"]
    ssh          = yotta_pod.notebook.ssh_command
    usd_per_hour = yotta_pod.notebook.price_per_hour
  }
}

output "standby" {
  value = "${yotta_pod.standby.name}: ${yotta_pod.standby.status}, ${yotta_pod.standby.gpu_count} x ${yotta_pod.standby.gpu_display_name}"
}

output "volume" {
  value = "${yotta_volume.data.name}: ${yotta_volume.data.size_in_gb} GB ${yotta_volume.data.storage_type} in ${yotta_volume.data.region}, ${yotta_volume.data.status}"
}

output "llm" {
  value = {
    id           = yotta_serverless_endpoint.llm.id
    status       = yotta_serverless_endpoint.llm.status
    workers      = "${yotta_serverless_endpoint.llm.running_workers} of ${yotta_serverless_endpoint.llm.total_workers} running"
    url          = "https://${yotta_serverless_endpoint.llm.domain}/v1"
    usd_per_hour = yotta_serverless_endpoint.llm.price_per_hour
  }
}
