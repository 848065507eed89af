package main

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/util/validation/field"

	podutil "k8s.io/kubernetes/pkg/api/pod"
	"k8s.io/kubernetes/pkg/apis/apps"
	appsvalidation "k8s.io/kubernetes/pkg/apis/apps/validation"
	"k8s.io/kubernetes/pkg/apis/autoscaling"
	autoscalingvalidation "k8s.io/kubernetes/pkg/apis/autoscaling/validation"
	"k8s.io/kubernetes/pkg/apis/batch"
	batchvalidation "k8s.io/kubernetes/pkg/apis/batch/validation"
	"k8s.io/kubernetes/pkg/apis/core"
	corevalidation "k8s.io/kubernetes/pkg/apis/core/validation"
	"k8s.io/kubernetes/pkg/apis/policy"
	policyvalidation "k8s.io/kubernetes/pkg/apis/policy/validation"
)

// apiValidation is what the API server runs on create for each kind the store deploys (the registry
// strategies' Validate, with the options they derive for a new object). false: a kind it does not know.
func apiValidation(obj runtime.Object) (field.ErrorList, bool) {
	switch o := obj.(type) {
	case *core.Namespace:
		return corevalidation.ValidateNamespace(o), true
	case *core.ConfigMap:
		return corevalidation.ValidateConfigMap(o), true
	case *core.Secret:
		return corevalidation.ValidateSecret(o), true
	case *core.Service:
		return corevalidation.ValidateServiceCreate(o), true
	case *core.ServiceAccount:
		return corevalidation.ValidateServiceAccount(o), true
	case *apps.Deployment:
		return appsvalidation.ValidateDeployment(o, podutil.GetValidationOptionsFromPodTemplate(&o.Spec.Template, nil)), true
	case *apps.StatefulSet:
		return appsvalidation.ValidateStatefulSet(o, podutil.GetValidationOptionsFromPodTemplate(&o.Spec.Template, nil)), true
	case *batch.Job:
		prepareJobForCreate(o)
		opts := batchvalidation.JobValidationOptions{
			PodValidationOptions:  podutil.GetValidationOptionsFromPodTemplate(&o.Spec.Template, nil),
			RequirePrefixedLabels: true,
		}
		return batchvalidation.ValidateJob(o, opts), true
	case *autoscaling.HorizontalPodAutoscaler:
		opts := autoscalingvalidation.HorizontalPodAutoscalerSpecValidationOptions{MinReplicasLowerBound: 1}
		return autoscalingvalidation.ValidateHorizontalPodAutoscaler(o, opts), true
	case *policy.PodDisruptionBudget:
		return policyvalidation.ValidatePodDisruptionBudget(o, policyvalidation.PodDisruptionBudgetValidationOptions{}), true
	}
	return nil, false
}

// jobUID stands in for the UID the API server gives a new Job.
const jobUID = "00000000-0000-4000-8000-000000000000"

// prepareJobForCreate does what the Job strategy's PrepareForCreate does before validation: without a manual
// selector, the Job selects its pods by its own UID (pkg/registry/batch/job/strategy.go, generateSelector).
func prepareJobForCreate(job *batch.Job) {
	if job.Spec.ManualSelector != nil && *job.Spec.ManualSelector {
		return
	}
	job.UID = jobUID
	generated := map[string]string{
		batch.ControllerUidLabel: jobUID, batch.LegacyControllerUidLabel: jobUID,
		batch.JobNameLabel: job.Name, batch.LegacyJobNameLabel: job.Name,
	}
	if job.Spec.Template.Labels == nil {
		job.Spec.Template.Labels = map[string]string{}
	}
	for key, value := range generated {
		job.Spec.Template.Labels[key] = value
	}
	if job.Spec.Selector == nil {
		job.Spec.Selector = &metav1.LabelSelector{MatchLabels: map[string]string{batch.ControllerUidLabel: jobUID}}
	}
}
