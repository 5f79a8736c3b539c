# In a file ending .tfquery.hcl (Terraform 1.14 and later). Yotta lists volumes by storage type:
# with storage_type the query makes one list call, without it one per type.
list "yotta_volume" "ceph" {
  provider         = yotta
  include_resource = true

  config {
    storage_type = "CEPH"
  }
}
