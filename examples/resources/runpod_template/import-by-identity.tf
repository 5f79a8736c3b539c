# Terraform 1.12 and later: import by the resource identity (what `terraform query` results
# carry) instead of the id string. OpenTofu and older Terraform import by id (above).
import {
  to = runpod_template.notebook
  identity = {
    id = "ti0xvqg8ww"
  }
}
