# The cheapest GPU type with at least 24 GB that Secure Cloud can rent now.
data "runpod_gpu_type" "gpu24" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
}

variable "jupyter_password" {
  type      = string
  sensitive = true
}

# A Jupyter notebook with SSH. Changing the image, env, ports, disks or the mount path resets
# the pod (the plan warns: the container disk is wiped, the volume at /workspace is kept);
# changing name or locked does not.
resource "runpod_pod" "notebook" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
  gpu_type_ids         = [data.runpod_gpu_type.gpu24.id]
  gpu_count            = 1
  container_disk_in_gb = 50
  volume_in_gb         = 20
  volume_mount_path    = "/workspace"
  ports                = ["8888/http", "22/tcp"]
  env = {
    JUPYTER_PASSWORD = var.jupyter_password
  }

  # "EXITED" stops the pod: the volume is kept and GPU billing stops.
  desired_status = "RUNNING"

  timeouts = {
    create = "30m" # a large image can take a while to pull
  }
}

# A cheaper spot pod in Community Cloud: RunPod may stop it to free the GPU; the next apply
# starts it again.
resource "runpod_pod" "batch" {
  name          = "batch-worker"
  image_name    = "ghcr.io/acme/worker:1.4"
  cloud_type    = "COMMUNITY"
  gpu_type_ids  = ["NVIDIA GeForce RTX 4090", "NVIDIA GeForce RTX 3090"]
  interruptible = true
  ports         = ["22/tcp"]
}

output "jupyter_url" {
  value = runpod_pod.notebook.http_urls["8888"]
}

output "ssh" {
  value = runpod_pod.notebook.ssh_command
}
