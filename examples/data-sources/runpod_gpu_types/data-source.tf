# Every NVIDIA GPU type Community Cloud rents for at most 0.50 USD per hour, cheapest first.
data "runpod_gpu_types" "community_under_50c" {
  cloud_type         = "COMMUNITY"
  manufacturer       = "Nvidia"
  max_price_per_hour = 0.5
}

# All GPU types, priced for two GPUs: a price table for dashboards or cost checks.
data "runpod_gpu_types" "all_x2" {
  gpu_count = 2
}

output "community_under_50c" {
  value = data.runpod_gpu_types.community_under_50c.ids
}

output "prices_for_two_gpus" {
  value = {
    for g in data.runpod_gpu_types.all_x2.gpu_types : g.display_name => g.price_per_hour
    if g.price_per_hour != null
  }
}
