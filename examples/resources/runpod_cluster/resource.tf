# A TRAINING cluster of 2 pods x 8 H100s in one data center, joined by a private overlay
# network. Every pod runs the same container; rank 0 is the primary. Renaming is in place;
# any other change replaces the cluster, terminating its pods.
resource "runpod_cluster" "training" {
  name              = "llm-pretrain"
  type              = "TRAINING"
  gpu_type_id       = "NVIDIA H100 80GB HBM3"
  gpu_count_per_pod = 8
  pod_count         = 2
  data_center_ids   = ["US-TX-3", "EU-RO-1"]

  image_name           = "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
  docker_start_cmd     = ["bash", "-c", "sleep infinity"]
  container_disk_in_gb = 100
  ports                = ["22/tcp", "8888/http"]
  env = {
    NCCL_DEBUG = "INFO"
  }
  volume_in_gb      = 200
  volume_mount_path = "/workspace"
  start_ssh         = true # the account's keys: see runpod_ssh_keys
}

output "primary_ssh_endpoint" {
  value = runpod_cluster.training.primary_ssh_endpoint
}

output "member_ips" {
  value = [for m in runpod_cluster.training.members : "${m.rank}: ${m.ip}"]
}
