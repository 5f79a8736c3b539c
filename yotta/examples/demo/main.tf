# The module `make yotta-demo` applies against yotta-mock: a GPU type lookup, registry
# credentials, a notebook pod that pulls a private image with them and waits for its ports to be
# healthy, and a second pod created paused. The provider reads YOTTA_API_KEY and YOTTA_API_URL,
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
}

# Created, then paused at once: only its storage is billed until desired_status = "RUNNING".
resource "yotta_pod" "standby" {
  name           = "demo-standby"
  image          = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type       = "NVIDIA_H100_80G"
  gpu_count      = 2
  desired_status = "PAUSED"
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
