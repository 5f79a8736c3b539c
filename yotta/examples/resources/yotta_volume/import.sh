# A volume is imported by its id.
terraform import yotta_volume.models 402872365298094821
