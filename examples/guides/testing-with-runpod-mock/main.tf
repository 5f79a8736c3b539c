# A small module to test: it picks the GPU type for a workload, the cheapest Secure Cloud type
# with enough memory within a budget. Nothing in it knows about the mock.
terraform {
  required_providers {
    runpod = {
      source = "runpod-community/runpod"
    }
  }
}

variable "min_memory_in_gb" {
  type        = number
  description = "GPU memory the workload needs, in GB."
}

variable "max_price_per_hour" {
  type        = number
  default     = 2
  description = "Budget per GPU, in USD per hour."
}

data "runpod_gpu_type" "this" {
  cloud_type         = "SECURE"
  min_memory_in_gb   = var.min_memory_in_gb
  max_price_per_hour = var.max_price_per_hour
}

output "gpu_type_id" {
  value = data.runpod_gpu_type.this.id
}

output "price_per_hour" {
  value = data.runpod_gpu_type.this.price_per_hour
}
