# A serverless worker template. Changing its image, env, ports, start command, container disk
# or registry credentials rolls out a new release on every endpoint that uses it, in the same
# apply; the plan warns (on RunPod's REST v2, the default, each runpod_endpoint's plan does too).
resource "runpod_template" "worker" {
  name                 = "sd-worker"
  image_name           = "ghcr.io/acme/sd-worker:1.4.0"
  is_serverless        = true
  container_disk_in_gb = 20
  env = {
    MODEL    = "sdxl"
    HF_TOKEN = var.hf_token
  }
  docker_start_cmd = ["python", "-u", "handler.py"]
  # container_registry_auth_id = runpod_container_registry_auth.ghcr.id
}

# A pod template with a volume and exposed ports.
resource "runpod_template" "notebook" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
  container_disk_in_gb = 50
  volume_in_gb         = 20
  volume_mount_path    = "/workspace"
  ports                = ["8888/http", "22/tcp"]
  # With RunPod's REST v2 (the default), pods made from it can start JupyterLab and SSH
  # (off unless asked, as on REST v1):
  # start_jupyter = true
}

variable "hf_token" {
  type      = string
  sensitive = true
}
