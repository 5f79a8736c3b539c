variable "pod_id" {
  description = "A pod Terraform does not manage."
  type        = string
  default     = "420522713875330018"
}

data "yotta_pod" "shared" {
  id = var.pod_id
}

output "shared_pod" {
  value = "${data.yotta_pod.shared.name}: ${data.yotta_pod.shared.status} in ${data.yotta_pod.shared.region}"
}
