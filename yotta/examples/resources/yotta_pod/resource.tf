variable "hf_token" {
  description = "A Hugging Face token for the notebook (sensitive: never shown in plans)."
  type        = string
  sensitive   = true
  default     = "hf_example"
}

# A JupyterLab notebook on one RTX 4090 in either of two regions, with a persistent volume
# for the work, reachable over HTTPS (Yotta's ingress) and SSH.
resource "yotta_pod" "notebook" {
  name      = "notebook"
  regions   = ["us-east-1", "us-west-1"]
  image     = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type  = "NVIDIA_RTX_4090_24G"
  gpu_count = 1

  container_volume_in_gb  = 100
  persistent_volume_in_gb = 50
  persistent_mount_path   = "/workspace"
  initialization_command  = "pip install jupyterlab"

  environment_vars = {
    HF_TOKEN = var.hf_token
    HF_HOME  = "/workspace/hf"
  }

  expose = [
    { port = 8888, protocol = "HTTP" },
    { port = 22, protocol = "SSH" },
  ]

  # "PAUSED" pauses the pod: Yotta then bills only its storage. Changing anything else
  # replaces the pod (Yotta has no pod update); the plan says so.
  desired_status = "RUNNING"
}

output "jupyter_url" {
  value = yotta_pod.notebook.ingress_urls["8888"]
}

output "ssh" {
  value = yotta_pod.notebook.ssh_command
}

output "usd_per_hour" {
  value = yotta_pod.notebook.price_per_hour
}
