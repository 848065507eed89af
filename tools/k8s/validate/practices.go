package main

import (
	"fmt"
	"strconv"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// podTemplate is the pod template of a workload, and whether it runs forever (probes needed) or to completion.
func podTemplate(o object) (*corev1.PodTemplateSpec, bool) {
	switch w := o.external.(type) {
	case *appsv1.Deployment:
		return &w.Spec.Template, true
	case *appsv1.StatefulSet:
		return &w.Spec.Template, true
	case *batchv1.Job:
		return &w.Spec.Template, false
	}
	return nil, false
}

// practices checks one object against the store's deployment rules.
func (c *checker) practices(o object) {
	template, serving := podTemplate(o)
	if template == nil {
		return
	}
	pod := template.Spec
	if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken {
		c.fail(o.where(), "automountServiceAccountToken must be false (no process of the store calls the Kubernetes API)")
	}
	containers := append(append([]corev1.Container{}, pod.InitContainers...), pod.Containers...)
	for _, container := range containers {
		where := fmt.Sprintf("%s container %s", o.where(), container.Name)
		c.containerPractices(where, pod.SecurityContext, container)
		c.namedPortsResolve(where, container)
		if !serving {
			continue
		}
		isInit := false
		for _, init := range pod.InitContainers {
			isInit = isInit || init.Name == container.Name
		}
		if isInit {
			continue
		}
		if container.ReadinessProbe == nil || container.LivenessProbe == nil {
			c.sum.ProbesMissing++
			c.fail(where, "needs both a readiness and a liveness probe")
		}
	}
	if o.kind != "Deployment" {
		return
	}
	c.probeKinds(o, template)
	if contains(c.opts.apps, o.name) {
		c.storeAppPractices(o, template)
	}
}

func (c *checker) containerPractices(where string, podSecurity *corev1.PodSecurityContext, container corev1.Container) {
	requests, limits := container.Resources.Requests, container.Resources.Limits
	for _, resource := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if _, ok := requests[resource]; !ok {
			c.fail(where, "no %s request", resource)
		}
	}
	if _, ok := limits[corev1.ResourceMemory]; !ok {
		c.fail(where, "no memory limit")
	}
	image := container.Image
	if tag := imageTag(image); tag == "" || tag == "latest" {
		c.fail(where, "image %q needs a tag other than latest", image)
	}
	security := container.SecurityContext
	nonRoot := podSecurity != nil && podSecurity.RunAsNonRoot != nil && *podSecurity.RunAsNonRoot
	if security != nil && security.RunAsNonRoot != nil {
		nonRoot = *security.RunAsNonRoot
	}
	if !nonRoot {
		c.fail(where, "must set runAsNonRoot: true")
	}
	if security == nil || security.ReadOnlyRootFilesystem == nil || !*security.ReadOnlyRootFilesystem {
		c.fail(where, "must set readOnlyRootFilesystem: true")
	}
	if security == nil || security.AllowPrivilegeEscalation == nil || *security.AllowPrivilegeEscalation {
		c.fail(where, "must set allowPrivilegeEscalation: false")
	}
	dropsAll := false
	if security != nil && security.Capabilities != nil {
		for _, capability := range security.Capabilities.Drop {
			dropsAll = dropsAll || capability == "ALL"
		}
	}
	if !dropsAll {
		c.fail(where, "must drop ALL capabilities")
	}
}

func imageTag(image string) string {
	for i := len(image) - 1; i >= 0; i-- {
		switch image[i] {
		case ':':
			return image[i+1:]
		case '/':
			return ""
		}
	}
	return ""
}

// storeAppPractices are the rules for the store's own services.
func (c *checker) storeAppPractices(o object, template *corev1.PodTemplateSpec) {
	pod := template.Spec
	grace := int64(30)
	if pod.TerminationGracePeriodSeconds != nil {
		grace = *pod.TerminationGracePeriodSeconds
	}
	// The grace period runs from the start of preStop: its sleep and the whole stop must fit in it.
	var preStopMs int64
	for _, container := range pod.Containers {
		if container.Lifecycle != nil && container.Lifecycle.PreStop != nil && container.Lifecycle.PreStop.Sleep != nil {
			preStopMs = max(preStopMs, container.Lifecycle.PreStop.Sleep.Seconds*1000)
		}
	}
	if grace*1000 <= preStopMs+int64(c.opts.stopBoundMs) {
		c.fail(o.where(), "terminationGracePeriodSeconds %d does not exceed preStop (%d ms) and the stop bound (%d ms)", grace, preStopMs, c.opts.stopBoundMs)
	}
	ports := map[string]bool{}
	for _, container := range pod.Containers {
		for _, port := range container.Ports {
			ports[strconv.Itoa(int(port.ContainerPort))] = true
		}
	}
	annotations := template.Annotations
	if annotations["prometheus.io/scrape"] != "true" || !ports[annotations["prometheus.io/port"]] {
		c.fail(o.where(), "needs prometheus.io/scrape \"true\" and prometheus.io/port naming one of its container ports")
	}
}

// probeKinds: gRPC services are probed by grpc.health.v1, the gateway over HTTP but never on /health.
func (c *checker) probeKinds(o object, template *corev1.PodTemplateSpec) {
	for _, container := range template.Spec.Containers {
		where := fmt.Sprintf("%s container %s", o.where(), container.Name)
		probes := probesOf(container)
		if contains(c.opts.grpcApps, o.name) {
			if container.ReadinessProbe != nil && container.ReadinessProbe.GRPC == nil {
				c.fail(where, "serves grpc.health.v1: its readiness probe must be a native gRPC probe")
			}
		}
		if contains(c.opts.httpApps, o.name) {
			for _, p := range probes {
				kind, probe := p.kind, p.probe
				if probe == nil {
					continue
				}
				if probe.HTTPGet == nil {
					c.fail(where, "%s probe must be an HTTP probe", kind)
				} else if probe.HTTPGet.Path == "/health" {
					c.fail(where, "%s probe must not use /health: it answers 503 while a dependency is degraded", kind)
				}
			}
		}
	}
}

// crossChecks are the rules between the objects of one overlay.
func (c *checker) crossChecks(overlay string, objects []object) {
	names := map[string]map[string]bool{}
	workloads := map[string]labels.Set{}
	for _, o := range objects {
		if names[o.kind] == nil {
			names[o.kind] = map[string]bool{}
		}
		names[o.kind][o.name] = true
		if template, serving := podTemplate(o); template != nil && serving {
			workloads[o.kind+"/"+o.name] = labels.Set(template.Labels)
		}
	}
	noSecrets := contains(c.opts.noSecrets, overlay)
	if noSecrets && len(names["Secret"]) > 0 {
		c.fail(overlay, "must carry no Secret (they are created in the cluster): found %d", len(names["Secret"]))
	}
	for _, app := range c.opts.apps {
		if !names["Deployment"][app] {
			c.fail(overlay, "no Deployment %s", app)
		}
	}
	selects := func(selector map[string]string, workload string) bool {
		set, ok := workloads[workload]
		return ok && len(selector) > 0 && labels.SelectorFromSet(selector).Matches(set)
	}
	served, budgeted, scaled := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, o := range objects {
		switch v := o.external.(type) {
		case *corev1.Service:
			matched := false
			for workload := range workloads {
				if selects(v.Spec.Selector, workload) {
					matched = true
					served[workload] = true
				}
			}
			if !matched {
				c.fail(o.where(), "its selector matches no workload of the overlay")
			}
		case *policyv1.PodDisruptionBudget:
			matched := false
			if v.Spec.Selector != nil {
				for workload := range workloads {
					if selects(v.Spec.Selector.MatchLabels, workload) {
						matched = true
						budgeted[workload] = true
					}
				}
			}
			if !matched {
				c.fail(o.where(), "its selector matches no workload of the overlay")
			}
		case *autoscalingv2.HorizontalPodAutoscaler:
			target := v.Spec.ScaleTargetRef
			if !names[target.Kind][target.Name] {
				c.fail(o.where(), "scales %s/%s, which the overlay does not hold", target.Kind, target.Name)
			}
			scaled[target.Kind+"/"+target.Name] = true
		}
		if template, _ := podTemplate(o); template != nil {
			c.references(o, template, names, noSecrets)
		}
	}
	for _, app := range c.opts.apps {
		workload := "Deployment/" + app
		if !served[workload] {
			c.fail(overlay, "no Service selects %s", workload)
		}
		if !budgeted[workload] {
			c.fail(overlay, "no PodDisruptionBudget selects %s", workload)
		}
	}
	for _, app := range c.opts.autoscaled {
		if !scaled["Deployment/"+app] {
			c.fail(overlay, "no HorizontalPodAutoscaler scales Deployment/%s", app)
		}
	}
	c.wiring(overlay, objects)
}

// references checks that every ConfigMap and Secret a pod reads is in the overlay (Secrets only where the
// overlay carries them: production's are created in the cluster).
func (c *checker) references(o object, template *corev1.PodTemplateSpec, names map[string]map[string]bool, noSecrets bool) {
	need := func(kind, name string, optional *bool) {
		if optional != nil && *optional {
			return
		}
		if kind == "Secret" && noSecrets {
			return
		}
		if !names[kind][name] {
			c.fail(o.where(), "reads %s %s, which the overlay does not hold", kind, name)
		}
	}
	for _, container := range append(append([]corev1.Container{}, template.Spec.InitContainers...), template.Spec.Containers...) {
		for _, from := range container.EnvFrom {
			if from.ConfigMapRef != nil {
				need("ConfigMap", from.ConfigMapRef.Name, from.ConfigMapRef.Optional)
			}
			if from.SecretRef != nil {
				need("Secret", from.SecretRef.Name, from.SecretRef.Optional)
			}
		}
		for _, env := range container.Env {
			if env.ValueFrom == nil {
				continue
			}
			if ref := env.ValueFrom.ConfigMapKeyRef; ref != nil {
				need("ConfigMap", ref.Name, ref.Optional)
			}
			if ref := env.ValueFrom.SecretKeyRef; ref != nil {
				need("Secret", ref.Name, ref.Optional)
			}
		}
	}
	for _, volume := range template.Spec.Volumes {
		if volume.ConfigMap != nil {
			need("ConfigMap", volume.ConfigMap.Name, volume.ConfigMap.Optional)
		}
		if volume.Secret != nil {
			need("Secret", volume.Secret.SecretName, volume.Secret.Optional)
		}
	}
}
