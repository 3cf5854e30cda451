/** NIfTI-1 (.nii, .nii.gz): RAS affines (sform, qform) converted to and from LungPrep's LPS geometry. */
package org.lungprep.io.nifti;
