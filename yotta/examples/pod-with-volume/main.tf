# Yotta's documented pod example as a module, with nothing made in the console first: the
# registry credential and the volume the pod mounts are resources of the module. The pod lists
# the volume's id in persistent_volumes, so Terraform creates the volume first and deletes it
# last. `terraform test` runs it against yotta-mock (see tests/).
terraform {
  required_providers {
    yotta = {
      source = "runpod-community/yotta"
    }
  }
}

variable "registry_username" {
  type    = string
  default = "bot"
}

variable "registry_password" {
  type      = string
  sensitive = true
  default   = "token"
}

variable "api_key" {
  description = "Passed to the pod as API_KEY (sensitive: never shown in plans)."
  type        = string
  sensitive   = true
  default     = "secret"
}

variable "volume_size_in_gb" {
  description = "Size of the shared volume; it can grow in place, never shrink."
  type        = number
  default     = 100
}

resource "yotta_container_registry_auth" "registry" {
  name     = "my-registry"
  type     = "DOCKER_HUB"
  username = var.registry_username
  password = var.registry_password
}

# The volume the pod mounts at /mnt/volume: it outlives the pod.
resource "yotta_volume" "data" {
  name         = "my-volume"
  storage_type = "CEPH"
  region       = "us-east-1"
  size_in_gb   = var.volume_size_in_gb
}

resource "yotta_pod" "app" {
  name                       = "my-pod"
  regions                    = [yotta_volume.data.region]
  image                      = "pytorch/pytorch:2.0.0-cuda11.7-cudnn8-runtime"
  container_registry_auth_id = yotta_container_registry_auth.registry.id
  gpu_type                   = "NVIDIA_RTX_4090_24G"
  gpu_count                  = 1
  min_single_card_vram_in_gb = 24
  min_single_card_ram_in_gb  = 32
  min_single_card_vcpu       = 8
  container_volume_in_gb     = 50
  persistent_volume_in_gb    = 100
  persistent_mount_path      = "/mnt/data"
  initialization_command     = "pip install -r requirements.txt"
  environment_vars           = { API_KEY = var.api_key }
  expose                     = [{ port = 8080, protocol = "http" }]
  persistent_volumes = [
    { volume_id = yotta_volume.data.id, mount_path = "/mnt/volume", need_backup = false },
  ]
}

output "pod_id" {
  value = yotta_pod.app.id
}

output "volume_id" {
  value = yotta_volume.data.id
}

output "url" {
  value = yotta_pod.app.ingress_urls["8080"]
}
