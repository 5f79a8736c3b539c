# European data centers that offer high-performance network volumes: where to put a volume
# that EU-only pods share.
data "runpod_data_centers" "eu_fast_volumes" {
  region              = "EUROPE"
  network_volume_type = "HIGH_PERFORMANCE"
}

# Data centers with RTX 4090s in stock now, as a priority list for a pod.
data "runpod_data_centers" "with_4090" {
  gpu_type_id = "NVIDIA GeForce RTX 4090"
}

output "eu_fast_volume_data_centers" {
  value = data.runpod_data_centers.eu_fast_volumes.ids
}

output "rtx_4090_data_centers" {
  value = data.runpod_data_centers.with_4090.ids
}
