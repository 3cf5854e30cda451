/** NIfTI-1 (.nii, .nii.gz): RAS affines converted to and from LungPrep's LPS geometry. */
package org.lungprep.io.nifti;
