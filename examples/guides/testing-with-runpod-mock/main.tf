# A module to test: a serverless endpoint for an inference worker, on the cheapest Secure Cloud
# GPU type with enough memory within a budget. Nothing in it knows about the mock.
terraform {
  required_providers {
    runpod = {
      source = "runpod-community/runpod"
    }
  }
}

variable "name" {
  type        = string
  description = "Name of the endpoint and of its template."
}

variable "image" {
  type        = string
  description = "Worker image."
}

variable "min_memory_in_gb" {
  type        = number
  description = "GPU memory a worker needs, in GB."
}

variable "max_price_per_hour" {
  type        = number
  default     = 2
  description = "Budget per GPU, in USD per hour."
}

variable "max_workers" {
  type        = number
  default     = 3
  description = "Most workers at once."

  validation {
    condition     = var.max_workers >= 1 && var.max_workers <= 10
    error_message = "max_workers must be between 1 and 10."
  }
}

data "runpod_gpu_type" "worker" {
  cloud_type         = "SECURE"
  min_memory_in_gb   = var.min_memory_in_gb
  max_price_per_hour = var.max_price_per_hour
}

resource "runpod_template" "worker" {
  name                 = var.name
  image_name           = var.image
  is_serverless        = true
  container_disk_in_gb = 20
}

resource "runpod_endpoint" "this" {
  name         = var.name
  template_id  = runpod_template.worker.id
  gpu_type_ids = [data.runpod_gpu_type.worker.id]
  workers_min  = 0
  workers_max  = var.max_workers
}

output "endpoint_id" {
  value = runpod_endpoint.this.id
}

output "gpu_type_id" {
  value = data.runpod_gpu_type.worker.id
}

output "price_per_hour" {
  value = data.runpod_gpu_type.worker.price_per_hour
}
