# Every GPU type with at least 80 GB per card that Yotta has available now, and where.
data "yotta_gpu_types" "big" {
  min_vram_in_gb = 80
  available      = true
}

# One type, in one region.
data "yotta_gpu_types" "h100_eu" {
  gpu_type = "NVIDIA_H100_80G"
  region   = "eu-2"
}

output "big_gpus" {
  value = { for g in data.yotta_gpu_types.big.gpu_types : g.gpu_type => g.available_regions }
}

output "h100_in_eu_2_now" {
  value = length(data.yotta_gpu_types.h100_eu.gpu_types) > 0 && try(data.yotta_gpu_types.h100_eu.gpu_types[0].regions[0].available, false)
}
