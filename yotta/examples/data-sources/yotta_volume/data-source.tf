# A volume made outside this configuration, by id: is a pod still mounting it?
data "yotta_volume" "models" {
  id = "402872365298094821"
}

output "models_mounted_by" {
  value = "${data.yotta_volume.models.mount_count} pod(s)"
}
