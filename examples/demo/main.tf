# The module `make demo` applies against runpod-mock. The provider reads RUNPOD_API_KEY,
# RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL, which the demo exports for the mock.
terraform {
  required_providers {
    runpod = {
      source = "runpod-community/runpod"
    }
  }
}

provider "runpod" {}

# The cheapest GPU with at least 24 GB that Secure Cloud can rent now.
data "runpod_gpu_type" "cheapest_24g" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
  order_by         = "price"
}

# Every GPU type with prices for a 2-GPU pod.
data "runpod_gpu_types" "all" {
  gpu_count = 2
}

output "cheapest_24g" {
  value = {
    id             = data.runpod_gpu_type.cheapest_24g.id
    memory_in_gb   = data.runpod_gpu_type.cheapest_24g.memory_in_gb
    price_per_hour = data.runpod_gpu_type.cheapest_24g.price_per_hour
  }
}

output "gpu_prices_for_2_gpus" {
  description = "On-demand USD per hour for two GPUs, cheapest cloud"
  value       = { for g in data.runpod_gpu_types.all.gpu_types : g.display_name => g.price_per_hour if g.price_per_hour != null }
}
