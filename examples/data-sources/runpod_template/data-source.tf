# By name: the account's own templates first, then RunPod's official ones.
data "runpod_template" "pytorch" {
  name = "Runpod Pytorch 2.4.0"
}

# By id.
data "runpod_template" "worker" {
  id = "30zmvf89kd"
}

output "pytorch_image" {
  value = data.runpod_template.pytorch.image_name
}
