variable "datasets_volume_id" {
  description = "Id of a network volume made outside this configuration."
  type        = string
}

# Read a volume by id, for example to run pods in the data center that holds it.
data "runpod_network_volume" "datasets" {
  id = var.datasets_volume_id
}

output "datasets_data_center" {
  value = data.runpod_network_volume.datasets.data_center_id
}
