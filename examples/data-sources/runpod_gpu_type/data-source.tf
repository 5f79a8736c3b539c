# The cheapest GPU type with at least 24 GB of memory that Secure Cloud can rent now.
data "runpod_gpu_type" "cheapest_24g" {
  min_memory_in_gb = 24
  cloud_type       = "SECURE"
  order_by         = "price"
}

# The smallest GPU type that fits a 40 GB model, cheapest first among equals.
data "runpod_gpu_type" "fits_40g" {
  min_memory_in_gb = 40
  order_by         = "memory"
}

# One GPU type by id, priced for a pod with two of them.
data "runpod_gpu_type" "rtx_4090_x2" {
  id        = "NVIDIA GeForce RTX 4090"
  gpu_count = 2
}

output "cheapest_24g" {
  value = "${data.runpod_gpu_type.cheapest_24g.id} at ${data.runpod_gpu_type.cheapest_24g.price_per_hour} USD/hour"
}
