variable "ghcr_token" {
  description = "GitHub token with read:packages, to pull private images from ghcr.io."
  type        = string
  sensitive   = true
}

# Credentials RunPod uses to pull private images. Pods and templates take its id as
# container_registry_auth_id. Changing the token replaces the credential (a new id), and
# whatever references the id follows it.
resource "runpod_container_registry_auth" "ghcr" {
  name     = "ghcr-ml-platform"
  username = "ml-platform-bot"
  password = var.ghcr_token
}

output "registry_auth_id" {
  value = runpod_container_registry_auth.ghcr.id
}
