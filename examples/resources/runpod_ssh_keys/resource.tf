variable "public_key_file" {
  description = "Your SSH public key file."
  type        = string
  default     = "~/.ssh/id_ed25519.pub"
}

# The account's SSH keys, the whole set: pods created with start_ssh = true let these keys in.
# One runpod_ssh_keys per account: a key added in RunPod's console shows as drift and the next
# apply removes it. trimspace drops the file's final newline (each key is one line).
resource "runpod_ssh_keys" "account" {
  keys = [
    trimspace(file(var.public_key_file)),
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILXGDN/SclOozk1xsDztpmhGiKkkrfQB9SKoO8dSIQQZ ci@example.com",
  ]
  # Destroying the resource leaves the keys in the account unless this is true.
  clear_on_destroy = false
}
