# A template is imported by its id.
terraform import runpod_template.worker 30zmvf89kd
