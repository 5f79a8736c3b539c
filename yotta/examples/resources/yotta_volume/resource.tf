# A 100 GB CEPH volume in us-east-1, mounted by a pod of the same region.
resource "yotta_volume" "models" {
  name         = "models"
  storage_type = "CEPH"
  region       = "us-east-1"
  size_in_gb   = 100 # grows in place while no pod mounts it; never shrinks
}

resource "yotta_pod" "trainer" {
  name      = "trainer"
  regions   = [yotta_volume.models.region]
  image     = "pytorch/pytorch:2.4.0-cuda12.4-cudnn9-runtime"
  gpu_type  = "NVIDIA_RTX_4090_24G"
  gpu_count = 1
  persistent_volumes = [
    { volume_id = yotta_volume.models.id, mount_path = "/models" },
  ]
}
