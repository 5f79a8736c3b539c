# 100 GB of persistent storage in EU-RO-1. Pods and endpoints in the same data center mount it
# through its id.
resource "runpod_network_volume" "models" {
  name           = "model-weights"
  size           = 100 # may grow in place later; a smaller value is refused at plan time
  data_center_id = "EU-RO-1"
}

output "network_volume_id" {
  value = runpod_network_volume.models.id
}
