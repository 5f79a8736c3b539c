variable "ghcr_token" {
  description = "A GitHub token that can read the organisation's packages."
  type        = string
  sensitive   = true
  default     = "ghp_example"
}

# Credentials Yotta pulls a private image with.
resource "yotta_container_registry_auth" "ghcr" {
  name     = "ghcr-ci"
  type     = "PRIVATE"
  username = "ci-bot"
  password = var.ghcr_token
}

# A pod that pulls a private image with them. Terraform deletes the pod before the
# credentials: Yotta refuses to delete credentials a pod uses.
resource "yotta_pod" "trainer" {
  name                       = "trainer"
  image                      = "acme/trainer:1.4.2"
  image_registry             = "ghcr.io"
  image_public_type          = "PRIVATE"
  container_registry_auth_id = yotta_container_registry_auth.ghcr.id
  gpu_type                   = "NVIDIA_H100_80G"
  gpu_count                  = 8
}
