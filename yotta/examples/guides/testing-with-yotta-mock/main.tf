# A module under test: one GPU pod for a team, running or paused.
terraform {
  required_providers {
    yotta = {
      source = "runpod-community/yotta"
    }
  }
}

variable "team" {
  type = string
}

variable "paused" {
  type    = bool
  default = false
}

resource "yotta_pod" "workbench" {
  name      = "${var.team}-workbench"
  image     = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type  = "NVIDIA_RTX_4090_24G"
  gpu_count = 1
  expose = [
    { port = 8888, protocol = "HTTP" },
  ]
  desired_status = var.paused ? "PAUSED" : "RUNNING"
}

output "url" {
  value = yotta_pod.workbench.ingress_urls["8888"]
}

output "id" {
  value = yotta_pod.workbench.id
}

output "status" {
  value = yotta_pod.workbench.status
}
