# One pod by id, with what its container reports while it runs.
data "runpod_pod" "notebook" {
  id = "xedezhzb9la3ye"
}

output "notebook" {
  value = {
    status      = data.runpod_pod.notebook.desired_status
    gpu         = data.runpod_pod.notebook.gpu_display_name
    ssh         = data.runpod_pod.notebook.ssh_command
    uptime      = try(data.runpod_pod.notebook.runtime.uptime_in_seconds, null) # null while stopped
    gpu_percent = try(data.runpod_pod.notebook.runtime.gpus[0].gpu_util_percent, null)
  }
}
