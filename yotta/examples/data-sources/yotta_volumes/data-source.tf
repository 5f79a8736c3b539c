# The account's CEPH volumes in us-east-1.
data "yotta_volumes" "ceph" {
  storage_type = "CEPH"
  region       = "us-east-1"
}

output "unmounted_ceph_volumes" {
  value = [for v in data.yotta_volumes.ceph.volumes : v.name if v.mount_count == 0]
}
