variable "cluster_id" {
  description = "An Instant Cluster of the account, such as one made in RunPod's console."
  type        = string
}

# One cluster with its member pods: for example to reach the primary, or to list the members'
# overlay addresses for a hostfile.
data "runpod_cluster" "training" {
  id = var.cluster_id
}

output "hostfile" {
  value = join("\n", [for m in data.runpod_cluster.training.members : "${m.ip} slots=${data.runpod_cluster.training.gpu_count_per_pod}"])
}
