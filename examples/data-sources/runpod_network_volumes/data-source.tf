# Every network volume of the account in EU-RO-1.
data "runpod_network_volumes" "eu_ro" {
  data_center_id = "EU-RO-1"
}

# Volumes named "model-weights", in any data center.
data "runpod_network_volumes" "weights" {
  name = "model-weights"
}

output "eu_ro_volume_sizes" {
  value = { for v in data.runpod_network_volumes.eu_ro.network_volumes : v.id => v.size }
}
