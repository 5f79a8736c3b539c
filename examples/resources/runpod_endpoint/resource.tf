# The template the workers run: a serverless one.
resource "runpod_template" "worker" {
  name                 = "sd-worker"
  image_name           = "ghcr.io/acme/sd-worker:1.4.0"
  is_serverless        = true
  container_disk_in_gb = 20
  env = {
    MODEL = "sdxl"
  }
}

# A GPU endpoint that scales from zero to three workers on an RTX 4090, or an L4 when no
# 4090 is free.
resource "runpod_endpoint" "sd" {
  name         = "sd-worker"
  template_id  = runpod_template.worker.id
  gpu_type_ids = ["NVIDIA GeForce RTX 4090", "NVIDIA L4"]
  gpu_count    = 1

  # These change in place: no release, workers keep running.
  workers_min          = 0
  workers_max          = 3
  scaler_type          = "QUEUE_DELAY"
  scaler_value         = 4
  idle_timeout         = 5
  execution_timeout_ms = 600000
  flashboot            = true # or flashboot_mode = "PRIORITY_FLASHBOOT" (REST v2 only)

  # These roll out a new release (workers restart); the plan warns.
  data_center_ids       = ["EU-RO-1", "US-TX-3"]
  allowed_cuda_versions = ["12.4", "12.6"]
  # network_volume_id   = runpod_network_volume.models.id

  # Let an apply that rolls out a release end only once every worker runs it.
  wait_for_rollout = true

  timeouts = {
    create = "5m"
    update = "15m"
    delete = "10m"
  }
}

# A CPU endpoint on the same template.
resource "runpod_endpoint" "embeddings" {
  name           = "embeddings-cpu"
  template_id    = runpod_template.worker.id
  compute_type   = "CPU"
  cpu_flavor_ids = ["cpu5c", "cpu3c"]
  vcpu_count     = 4
  workers_max    = 2
}

# RunPod's REST v2 reports the request URLs; REST v1 does not (null), so fall back to the
# URL it documents.
output "sd_run_url" {
  value = try(runpod_endpoint.sd.request_urls["run"], "https://api.runpod.ai/v2/${runpod_endpoint.sd.id}/run")
}
