# Every Instant Cluster of the account.
data "runpod_clusters" "all" {}

# Clusters named "llm-pretrain".
data "runpod_clusters" "pretrain" {
  name = "llm-pretrain"
}

output "gpus_by_cluster" {
  value = { for c in data.runpod_clusters.all.clusters : c.name => c.pod_count * c.gpu_count_per_pod }
}
