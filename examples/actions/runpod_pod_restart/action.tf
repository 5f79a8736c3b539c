# Terraform 1.14 and later. Restart on demand:
#   terraform apply -invoke=action.runpod_pod_restart.notebook
action "runpod_pod_restart" "notebook" {
  config {
    pod_id = runpod_pod.notebook.id
  }
}

resource "runpod_pod" "notebook" {
  name                 = "notebook"
  image_name           = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
  gpu_type_ids         = ["NVIDIA GeForce RTX 4090"]
  container_disk_in_gb = 20
  ports                = ["8888/http", "22/tcp"]

  # Or restart it after every in-place update of the pod.
  lifecycle {
    action_trigger {
      events  = [after_update]
      actions = [action.runpod_pod_restart.notebook]
    }
  }
}
