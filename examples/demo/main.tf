# The module `make demo` applies against runpod-mock: a GPU type lookup, a network volume, a
# serverless template and endpoint that mount it, and a notebook pod on the same volume.
# The provider reads RUNPOD_API_KEY, RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL, which the demo
# exports for the mock; against the real API the same module rents real GPUs.
terraform {
  required_providers {
    runpod = {
      source = "runpod-community/runpod"
    }
  }
}

provider "runpod" {}

variable "data_center" {
  description = "Where the volume, the pod and the endpoint's workers live."
  type        = string
  default     = "EU-RO-1"
}

# The cheapest GPU with at least 24 GB that Secure Cloud can rent now.
data "runpod_gpu_type" "cheapest_24g" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
  order_by         = "price"
}

# Model weights shared by the pod and the endpoint's workers.
resource "runpod_network_volume" "models" {
  name           = "demo-models"
  size           = 50
  data_center_id = var.data_center
}

resource "runpod_template" "worker" {
  name                 = "demo-worker"
  image_name           = "runpod/worker-comfyui:5.1.0-base"
  is_serverless        = true
  container_disk_in_gb = 20
  env = {
    MODEL_DIR = "/runpod-volume/models"
  }
}

resource "runpod_endpoint" "worker" {
  name              = "demo-worker"
  template_id       = runpod_template.worker.id
  gpu_type_ids      = [data.runpod_gpu_type.cheapest_24g.id]
  data_center_ids   = [var.data_center]
  network_volume_id = runpod_network_volume.models.id
  workers_min       = 0
  workers_max       = 2
  scaler_type       = "QUEUE_DELAY"
  scaler_value      = 4
}

resource "runpod_pod" "notebook" {
  name              = "demo-notebook"
  image_name        = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
  gpu_type_ids      = [data.runpod_gpu_type.cheapest_24g.id]
  gpu_count         = 1
  data_center_ids   = [var.data_center]
  network_volume_id = runpod_network_volume.models.id
  volume_mount_path = "/workspace"
  ports             = ["8888/http", "22/tcp"]
}

output "gpu" {
  value = {
    id             = data.runpod_gpu_type.cheapest_24g.id
    memory_in_gb   = data.runpod_gpu_type.cheapest_24g.memory_in_gb
    price_per_hour = data.runpod_gpu_type.cheapest_24g.price_per_hour
  }
}

output "network_volume_id" {
  value = runpod_network_volume.models.id
}

output "endpoint" {
  value = {
    id      = runpod_endpoint.worker.id
    version = runpod_endpoint.worker.version
    run_url = "https://api.runpod.ai/v2/${runpod_endpoint.worker.id}/run"
  }
}

output "pod" {
  value = {
    id          = runpod_pod.notebook.id
    cost_per_hr = runpod_pod.notebook.cost_per_hr
    public_ip   = runpod_pod.notebook.public_ip
  }
}

output "pod_http_urls" {
  value = runpod_pod.notebook.http_urls
}

output "pod_ssh_command" {
  value = runpod_pod.notebook.ssh_command
}
